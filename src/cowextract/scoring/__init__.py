"""Scoring predictions against gold files."""
