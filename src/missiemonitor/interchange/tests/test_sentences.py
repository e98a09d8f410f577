import pytest

from missiemonitor.interchange.onboard.sentences import split_sentences

pytestmark = pytest.mark.engine_independent


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_abbreviations_numbers_and_initials_do_not_end_a_sentence():
    text = ("Zie Kamerstuk 27 925, nr. 943 – d.d. 7 juli 2023. Op 1 april jl. vloog J. de Vries 2,5 uur. "
            "Dat is o.a. gemeld. The costs, e.g. fuel, rose. Klaar!")
    assert sentences(text) == [
        "Zie Kamerstuk 27 925, nr. 943 – d.d. 7 juli 2023.",
        "Op 1 april jl. vloog J. de Vries 2,5 uur.",
        "Dat is o.a. gemeld.",
        "The costs, e.g. fuel, rose.",
        "Klaar!",
    ]
