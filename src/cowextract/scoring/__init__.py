"""Scoring predictions against gold files (`cowextract eval`, `scoring.run.evaluate`).

- `events`: the matching rules of shared/gold/README.md and per-type P/R/F1;
- `attributes`: attribute figures over the matched pairs;
- `links`: cross-article grouping by gold `event_key`;
- `metadata`: article title, publication date and source;
- `misses`: what `--misses` lists;
- `attribution`, `timex`: the PolNeAR and TimeBank rules;
- `floors`: the pinned floors file (`eval-floors.txt`).
"""
