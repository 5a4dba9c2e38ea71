"""Counter mode: clerk sign-in, today's applications, what needs attention, the sync
state; the clerk fills applications through the same procedure flow as the kiosk."""
