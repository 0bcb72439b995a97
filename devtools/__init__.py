"""What only developers run: synthetic cohorts (synth), the bulk writer that stores them,
the start-up probe and the benchmark (`make bench`). The app's core (domain, storage, gui,
cli) never imports from here, except to register the `synth` command and to install the
probe when the benchmark asks for it (tests/test_architecture.py checks this)."""
