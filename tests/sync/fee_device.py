"""One device, in a process of its own, binding an e-παράβολο code to its application:
`python -m tests.sync.fee_device URL CODE SUBMISSION_ID GO_FILE` with the device's token
in $DEVICE_TOKEN. Waits for GO_FILE (both devices start together), prints the outcome
as one JSON line."""

from __future__ import annotations

import json
import os
import sys
import time
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from kiosk.texts import RefusedError
from sync.client import PlatformClient
from sync.fees import PlatformFees


def main() -> None:
    url, code, submission_id, go = sys.argv[1:5]
    token = os.environ["DEVICE_TOKEN"]
    with PlatformClient(url, lambda: token) as client:
        client.health()  # the connection is up before the race starts
        while not Path(go).exists():
            time.sleep(0.005)
        try:
            bound = PlatformFees(client).bind(
                "paravolo", code, Decimal("50.00"), UUID(submission_id)
            )
            print(json.dumps({"status": bound.status}))
        except RefusedError as refused:
            print(json.dumps({"refused": refused.code, "en": refused.message("en")}))


if __name__ == "__main__":
    main()
