"""`kiosk enroll --server URL --code CODE`: redeem the one-time code from the Region's
IT desk; the device token goes into the OS keyring and is never printed, and the office
the platform names is recorded (kiosk.enrolment) for `kiosk doctor` and `kiosk run` to
compare with the office file. When the office file exists, its office_id goes with the
code: a code of another office is refused before it is spent."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "enroll", help="enrol this device with the platform (token into the OS keyring)"
    )
    parser.add_argument("--server", required=True, help="platform URL (https://...)")
    parser.add_argument("--code", required=True, help="one-time enrolment code")
    parser.add_argument("--config", type=Path, help="office configuration (default: the device's)")
    parser.set_defaults(handler=run)


def _office_of_file(config: Path | None) -> str | None:
    from kiosk.enrolment import office_id_of
    from kiosk.office_file import ConfigError, read_office_file

    try:
        return office_id_of(read_office_file(config).text)
    except ConfigError:  # no office file yet: the platform's word is recorded
        return None


def run(args: argparse.Namespace) -> int:
    import keyring.errors

    from kiosk.enrolment import TEXTS, read_enrolment
    from sync.enrolment import enrol
    from sync.errors import AuthError, RejectedError, SyncError, WrongOfficeError

    configured = _office_of_file(args.config)
    try:
        enrol(args.server, args.code.strip(), office_id=configured)
    except ValueError as error:  # InsecureURLError: http:// to a remote host
        print(f"enroll: {error}", file=sys.stderr)
        return 2
    except WrongOfficeError as error:
        text = TEXTS["code_for_other_office"]
        words = {"code_office": error.code_office or "?", "configured": configured or "?"}
        print(f"enroll: {text.message('el', **words)}", file=sys.stderr)
        print(f"enroll: {text.message('en', **words)}", file=sys.stderr)
        return 1
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
    enrolment = read_enrolment()
    office = enrolment.office_id if enrolment else "?"
    print(f"enrolled with {args.server} in office {office}: device token stored in the OS keyring")
    if configured is None:
        print(f'the office file must say office_id = "{office}"')
    print("next: kiosk doctor")
    return 0
