"""The reference central server (Starlette on uvicorn, over SQLite): demos and tests only."""
