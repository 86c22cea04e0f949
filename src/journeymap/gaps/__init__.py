"""Gap reports: where standards are missing, missed, or out of step with what customers
expect and what we promise them (the five gaps of the SERVQUAL model).

- analysis.py: `analyse`, the GapContext and the tuple of analyses (one module per gap);
- report.py: the findings and tables, the gaps and what `--fail-on` takes;
- formats.py: the output formats, by name.

This package's own import is kept light (the CLI reads the registries at start-up).
"""
