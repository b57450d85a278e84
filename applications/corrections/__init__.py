"""The office's structured request for information, the citizen's answer in place (only the
answers and documents asked for), the versions of the answers, and the files handed in."""
