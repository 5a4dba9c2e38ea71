"""The reference server's state, in pieces: `sync.server.store.ServerStore` and
`sync.server.onceonly_store.OnceOnlyStore` are each assembled from the mixins here, one
module per responsibility, so that each stays short enough to read in one sitting.

Code outside the server's stores imports the stores' modules, not these.
"""
