"""Decision support for the Region: anonymous usage events (`events`, `journey`),
daily aggregates (`aggregate`), simplification hints (`hints`), a demand forecast
(`forecast`) and the office dashboard's read model with its CSV export (`dashboard`).

Pure Python, like the rest of kiosk/. Nothing here ever sees an answer value: events
carry definition ids, rule names and counts only."""
