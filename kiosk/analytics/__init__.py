"""Decision support for the Region, from anonymous usage.

- `events`: the event types and the `UsageRecorder` the screens call (intent-named
  methods, time per step from an injected clock); `journey.SessionUsage` turns a
  FillingSession's `Changes` into those calls, one line per intent.
- `aggregate`: the daily aggregate (counts per procedure and channel) built from the
  store's counters; the document sent to the platform.
- `summary`, `hints`, `forecast`, `labels`, `dashboard`, `export`: the office
  dashboard's read model, simplification hints, next week's forecast, its CSV.
- `region`: the Region-wide view across offices (served by the reference server).
- `synthetic`: seeded synthetic journeys for the demo and the tests.

Pure Python, like the rest of kiosk/. Nothing here ever sees an answer value: events
carry definition ids, rule names and counts only."""
