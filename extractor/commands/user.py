"""``minhchung user``: manage the service's users (add, list, passwd, deactivate, activate, unlock)."""

from __future__ import annotations

import argparse
import sys

USAGE = (
    "usage: minhchung user add --username U --role ROLE --password-stdin [--province P] | user list | "
    "user passwd --username U --password-stdin | user deactivate --username U | "
    "user activate --username U | user unlock --username U"
)


def _password_source(parser: argparse.ArgumentParser) -> None:
    secret = parser.add_mutually_exclusive_group(required=True)
    secret.add_argument(
        "--password", help="the password (visible in the process list; prefer --password-stdin)"
    )
    secret.add_argument("--password-stdin", action="store_true", help="read the password from standard input")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``minhchung user`` and its actions to the command line."""
    parser = subparsers.add_parser("user", help="quản lý người dùng của dịch vụ / manage service users")
    actions = parser.add_subparsers(dest="user_action", metavar="ACTION")
    add = actions.add_parser("add", help="thêm người dùng / add a user")
    add.add_argument("--username", required=True)
    add.add_argument("--role", required=True, choices=("admin", "assessor", "auditor"))
    _password_source(add)
    add.add_argument("--province", help="jurisdiction (required for assessors), e.g. 'Sơn La'")
    actions.add_parser("list", help="liệt kê người dùng / list users")
    passwd = actions.add_parser(
        "passwd",
        help="đặt mật khẩu mới (kết thúc mọi phiên) / set a new password "
        "(ends every session, lifts a lockout)",
    )
    passwd.add_argument("--username", required=True)
    _password_source(passwd)
    for name, text in (
        ("deactivate", "vô hiệu hóa (kết thúc mọi phiên) / deactivate, ending every session"),
        ("activate", "kích hoạt lại / activate again"),
        ("unlock", "mở khóa đăng nhập / lift a log-in lockout"),
    ):
        actions.add_parser(name, help=text).add_argument("--username", required=True)
    parser.set_defaults(func=run)


def _read_password(args: argparse.Namespace) -> str | None:
    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else args.password
    if len(password or "") < 8:
        print(
            "minhchung: mật khẩu cần ít nhất 8 ký tự / password needs at least 8 characters", file=sys.stderr
        )
        return None
    return password


def run(args: argparse.Namespace) -> int:
    """Run one ``minhchung user`` action against ``DATABASE_URL`` (migrating it first).

    The service (:mod:`api.users`) is imported here, not at the top: the library imports without it."""
    action = getattr(args, "user_action", None)
    if action not in {"add", "list", "passwd", "deactivate", "activate", "unlock"}:
        print(USAGE, file=sys.stderr)
        return 2
    from sqlalchemy.orm import Session

    from api import users
    from api.db import make_engine
    from api.errors import ApiError
    from api.migrate import upgrade_head
    from api.settings import Settings

    engine = make_engine(Settings.from_env().database_url)
    upgrade_head(engine)
    with Session(engine) as session:
        if action == "list":
            for row in users.list_users(session):
                state = "active" if row.active else "deactivated"
                if row.locked_until is not None and row.failed_logins:
                    state += f", locked until {row.locked_until.isoformat()}"
                print(f"{row.id}\t{row.username}\t{row.role}\t{row.province or ''}\t{state}")
            return 0
        if action == "add":
            password = _read_password(args)
            if password is None:
                return 2
            try:
                created = users.create_user(session, args.username, password, args.role, args.province)
            except ApiError as error:
                print(f"minhchung: {error.message_vi} / {error.message_en} ({error.detail})", file=sys.stderr)
                return 1
            session.commit()
            print(
                f"created {created.role} {created.username}"
                + (f" ({created.province})" if created.province else "")
            )
            return 0
        user = users.find_user(session, args.username)
        if user is None:
            print(f"minhchung: không có người dùng / no such user: {args.username}", file=sys.stderr)
            return 1
        if action == "passwd":
            password = _read_password(args)
            if password is None:
                return 2
            ended = users.set_password(session, user, password, None)
            message = f"password of {user.username} changed; {ended} session(s) ended"
        elif action == "deactivate":
            ended = users.deactivate_user(session, user, None)
            message = f"{user.username} deactivated; {ended} session(s) ended"
        elif action == "activate":
            users.activate_user(session, user, None)
            message = f"{user.username} activated"
        else:
            users.unlock_user(session, user, None)
            message = f"{user.username} unlocked"
        session.commit()
        print(message)
    return 0
