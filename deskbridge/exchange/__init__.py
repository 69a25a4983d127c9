"""Exchange formats: CSV, vCard, iCalendar and the JSON archive. No Qt."""
