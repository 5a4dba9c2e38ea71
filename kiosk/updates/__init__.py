"""Versioned install folders, the switch-on-next-start state machine and rollout rules.

Pure Python: the TUF client that fetches and verifies builds is sync/updates/; this
package only decides who may take a build and installs a verified archive."""
