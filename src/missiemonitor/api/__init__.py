"""The REST API (``/api/v1/``): shared machinery. Each app's resources are in its ``api.py``;
``urls.py`` collects them. See docs/api.md and the contract in docs/openapi.yaml."""

API_VERSION = "1.0.0"
