import pytest
from django.core.management import CommandError, call_command

from missiemonitor.testing.world import build_world


def test_the_command_lists_points_with_their_records(db, capsys):
    build_world(copies=1)
    call_command("attention", "--start=2024-05-01", "--end=2025-04-30", "--language=en", "--mission=w0-mission")
    out = capsys.readouterr().out
    assert "high   own-mission-capacity     [w0-mission] Flight hours (Helikopters 0): 30%" in out
    assert "results.LogEntry:w0-flights" in out
    assert out.rstrip().endswith("15 attention points")
    with pytest.raises(CommandError, match="nope"):
        call_command("attention", "--start=2024-05-01", "--end=2025-04-30", "--mission=nope")
