"""The authorisation matrix (issue 9): a world of records in every mission and at every
classification, users over every role × clearance × mission membership, and every path of
the application read (and written) as them, compared with ``visible_to`` and
``core.permissions`` computed directly. The tests are ``web/tests/test_matrix.py`` (pages and
the admin) and ``api/tests/test_matrix.py`` (the REST API); :mod:`.summary` prints the figure
at the end of the run."""
