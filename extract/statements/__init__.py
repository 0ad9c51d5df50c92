"""What a number is about: measure, subject, period, place, base, source (CONTRACT.md, "Statements")."""
