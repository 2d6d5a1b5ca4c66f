"""The bottom layer: calendar and working days, periods, Vietnamese text and numbers, files, errors,
history and paging helpers. It imports no app of dieuhanh, so every app may import it."""
