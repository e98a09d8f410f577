"""The dataset format: a versioned YAML file holding a complete reporting scope.

See docs/dataset-format.md. Entry points are the services ``dataset_load`` and
``dataset_export`` in :mod:`missiemonitor.core.services`.
"""
