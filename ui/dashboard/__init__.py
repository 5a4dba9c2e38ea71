"""The office dashboard for counter mode: demand, completion, where applicants stop or
stumble, documents still to bring, simplification hints and next week's forecast, from
kiosk.analytics' read model. `DashboardScreen(data, locale, export_path=...)`."""

from ui.dashboard.screen import DashboardScreen

__all__ = ["DashboardScreen"]
