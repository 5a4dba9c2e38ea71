"""`kiosk update check|apply|status|trust|start` on a device, and `kiosk publish-build`
on the reference server: signed builds through The Update Framework (docs/updates.md).

Every outcome is one sentence and an exit status (0 done, 1 refused or failed, 2 bad
input); no traceback reaches the IT officer."""

from __future__ import annotations

import argparse
import platform
import sys
from datetime import UTC
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("update", help="check for, install or show signed updates")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, text in (
        ("check", "ask the platform whether a build for this device is available"),
        ("apply", "download, verify and unpack it; it runs from the next start"),
    ):
        sub = actions.add_parser(name, help=text)
        sub.add_argument("--config", type=Path, help="office configuration")
        sub.add_argument(
            "--if-due", action="store_true", help="only if the check interval has passed (timers)"
        )
        sub.set_defaults(handler=run_check, install=name == "apply")
    sub = actions.add_parser("status", help="version, channel, pending build and last check")
    sub.set_defaults(handler=run_status)
    sub = actions.add_parser("trust", help="pin the Region's root.json (from the package)")
    sub.add_argument("root", type=Path)
    sub.set_defaults(handler=run_trust)
    sub = actions.add_parser("channel", help="follow another channel (stable, pilot...)")
    sub.add_argument("name")
    sub.set_defaults(handler=run_channel)
    sub = actions.add_parser("start", help=argparse.SUPPRESS)  # the launcher's question
    sub.set_defaults(handler=run_start)

    publish = subparsers.add_parser(
        "publish-build", help="reference server: sign a build into its update repository"
    )
    publish.add_argument("file", type=Path, help="tar archive of one install folder")
    publish.add_argument("--version", required=True)
    publish.add_argument("--channel", default="stable")
    publish.add_argument("--rollout", default="100%", help="share of devices, e.g. 20%%")
    publish.add_argument("--offices", default="", help="offices that get it first: A,B")
    publish.add_argument("--db", type=Path, help="the server's SQLite file")
    publish.set_defaults(handler=run_publish)


def run_check(args: argparse.Namespace) -> int:
    from kiosk.config import load_office_config, office_config_path
    from kiosk.office_file import ConfigError
    from kiosk.updates.location import device_installs
    from sync.enrolment import keyring_token
    from sync.updates.updater import DeviceUpdater

    if args.if_due:
        from datetime import datetime

        from kiosk.updates.schedule import check_due

        if not check_due(device_installs().read().last_check, datetime.now(UTC)):
            print("update: not due yet")
            return 0
    try:
        config = load_office_config(office_config_path(args.config))
    except (ConfigError, OSError, ValueError) as error:
        print(f"update: no valid office configuration ({error})", file=sys.stderr)
        return 2
    try:
        updater = DeviceUpdater(
            device_installs(),
            config.server_url,
            device_id=config.device_id or platform.node(),
            office_id=config.office_id,
            ca_bundle=config.ca_bundle_path(),
        )
    except ValueError as error:
        print(f"update: {error}", file=sys.stderr)
        return 2
    try:
        outcome = updater.apply() if args.install else updater.check()
        print(f"update: {outcome.message}")
        try:
            token = keyring_token()
        except Exception:  # a broken keyring is the doctor's to explain; the update stands
            token = None
        if token:
            updater.report(token)
    finally:
        updater.close()
    return 0 if outcome.ok else 1


def run_status(args: argparse.Namespace) -> int:
    for line in status_lines():
        print(line)
    return 0


def status_lines() -> list[str]:
    import kiosk
    from kiosk.updates.location import device_installs

    state = device_installs().read()
    running = state.current or f"{kiosk.__version__} (packaged build)"
    lines = [f"version: {running}", f"channel: {state.channel}"]
    if state.pending:
        lines.append(f"pending: {state.pending} (starts on the next start)")
    lines.append(f"last check: {state.last_check or 'never'}: {state.last_result}")
    lines += [f"refused: {v} ({why})" for v, why in sorted(state.failed.items())]
    return lines


def run_trust(args: argparse.Namespace) -> int:
    import json

    from kiosk.updates.location import device_installs

    try:
        data = args.root.read_bytes()
        if json.loads(data)["signed"]["_type"] != "root":
            raise ValueError("not a TUF root")
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"update: {args.root} is not a TUF root.json ({error})", file=sys.stderr)
        return 2
    folder = device_installs().root / "metadata"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "root.json").write_bytes(data)
    print(f"update: trusting {args.root} from now on")
    return 0


def run_channel(args: argparse.Namespace) -> int:
    from kiosk.updates.location import device_installs

    installs = device_installs()
    state = installs.read()
    state.channel = args.name
    installs.write(state)
    print(f"update: following the {args.name!r} channel")
    return 0


def run_start(args: argparse.Namespace) -> int:
    """Print the folder whose `kiosk` the launcher should run (nothing: the packaged one)."""
    from kiosk.updates.location import device_installs

    folder, said = device_installs().start()
    if said:
        print(f"update: {said}", file=sys.stderr)
    if folder is not None:
        print(folder)
    return 0


def run_publish(args: argparse.Namespace) -> int:
    from kiosk.paths import app_paths
    from sync.server.updates import RepositoryError, UpdateRepository

    try:
        percent = int(args.rollout.rstrip("%"))
    except ValueError:
        print(
            f"publish-build: --rollout is a share like 20%, not {args.rollout!r}", file=sys.stderr
        )
        return 2
    db_path = args.db or app_paths().data_dir / "reference-server" / "platform.sqlite3"
    offices = [o.strip() for o in args.offices.split(",") if o.strip()]
    try:
        repository = UpdateRepository(db_path.parent / "updates")
        target = repository.publish(
            args.file, args.version, channel=args.channel, percent=percent, offices=offices
        )
    except RepositoryError as error:
        print(f"publish-build: {error}", file=sys.stderr)
        return 1
    print(
        f"publish-build: {args.version} signed as {target.path} "
        f"({args.channel}, {percent}% of devices, offices: {', '.join(offices) or 'none'})"
    )
    print(f"root a device trusts: {repository.metadata / '1.root.json'}")
    return 0
