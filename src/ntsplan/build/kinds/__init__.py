"""One module per output kind of a build: how it is made and staged in the build's batch."""
