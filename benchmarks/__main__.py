import signal
import sys

from benchmarks.run import main

# A stopped run must still stop its probes (each sits in its own session): turn SIGTERM
# into SystemExit so every `finally` runs.
signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
sys.exit(main())
