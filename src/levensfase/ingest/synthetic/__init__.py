"""Building blocks of the synthetic organisation generator; the public entry is `ingest.generator.generate`."""
