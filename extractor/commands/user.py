"""``minhchung user add``: create a user of the service (admin, assessor, auditor)."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("user", help="quản lý người dùng của dịch vụ / manage service users")
    actions = parser.add_subparsers(dest="user_action", metavar="ACTION")
    add = actions.add_parser("add", help="thêm người dùng / add a user")
    add.add_argument("--username", required=True)
    add.add_argument("--role", required=True, choices=("admin", "assessor", "auditor"))
    secret = add.add_mutually_exclusive_group(required=True)
    secret.add_argument("--password", help="the password (visible in the process list; prefer --password-stdin)")
    secret.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.add_argument("--province", help="jurisdiction (required for assessors), e.g. 'Sơn La'")
    add.set_defaults(func=run)
    actions.add_parser("list", help="liệt kê người dùng / list users").set_defaults(func=run)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from api.db import make_engine
    from api.errors import ApiError
    from api.migrate import upgrade_head
    from api.orm import User
    from api.routers.auth import create_user
    from api.settings import Settings

    action = getattr(args, "user_action", None)
    if action not in {"add", "list"}:
        print("usage: minhchung user add --username U --role ROLE --password-stdin [--province P] | user list",
              file=sys.stderr)
        return 2
    engine = make_engine(Settings.from_env().database_url)
    upgrade_head(engine)
    with Session(engine) as session:
        if action == "list":
            for user in session.scalars(select(User).order_by(User.id)):
                print(f"{user.id}\t{user.username}\t{user.role}\t{user.province or ''}")
            return 0
        password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else args.password
        if len(password or "") < 8:
            print("minhchung: mật khẩu cần ít nhất 8 ký tự / password needs at least 8 characters", file=sys.stderr)
            return 2
        try:
            user = create_user(session, args.username, password, args.role, args.province)
        except ApiError as error:
            print(f"minhchung: {error.message_vi} / {error.message_en} ({error.detail})", file=sys.stderr)
            return 1
        session.commit()
        print(f"created {user.role} {user.username}" + (f" ({user.province})" if user.province else ""))
    return 0
