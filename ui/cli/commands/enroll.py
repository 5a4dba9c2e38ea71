"""`kiosk enroll --server URL --code CODE`: redeem the one-time code from the Region's
IT desk; the device token goes into the OS keyring and is never printed."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "enroll", help="enrol this device with the platform (token into the OS keyring)"
    )
    parser.add_argument("--server", required=True, help="platform URL (https://...)")
    parser.add_argument("--code", required=True, help="one-time enrolment code")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import keyring.errors

    from sync.enrolment import enrol
    from sync.errors import AuthError, RejectedError, SyncError

    try:
        enrol(args.server, args.code.strip())
    except ValueError as error:  # InsecureURLError: http:// to a remote host
        print(f"enroll: {error}", file=sys.stderr)
        return 2
    except (AuthError, RejectedError) as error:
        print(
            f"enroll: the platform refused the code ({error.__class__.__name__}); codes work "
            "once: ask the Region's IT desk for a new one",
            file=sys.stderr,
        )
        return 1
    except SyncError as error:
        print(f"enroll: cannot reach {args.server} ({error}); check the network", file=sys.stderr)
        return 1
    except keyring.errors.KeyringError as error:
        print(
            f"enroll: the code was accepted but the keyring refused the token "
            f"({error.__class__.__name__}); fix the keyring (see `kiosk doctor`) and ask "
            "for a new code",
            file=sys.stderr,
        )
        return 1
    print(f"enrolled with {args.server}: device token stored in the OS keyring")
    print("next: kiosk doctor")
    return 0
