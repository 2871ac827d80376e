import pytest

from newsdesk.related.similarity import Options, first_pick_cap
from newsdesk.related.tests.quality import import_corpus, measure

pytestmark = pytest.mark.django_db


def test_an_untagged_imported_corpus_gets_boxes_on_its_own_topic():
    """400 articles on five topics, imported from WordPress with no category or tag: the
    import computes the neighbours; the boxes point at the same topic."""
    topics = import_corpus(400)
    quality = measure(topics)
    assert quality.articles == 400
    assert quality.precision_at_1 >= 0.9, quality
    assert quality.coverage >= 0.95, quality
    cap = first_pick_cap(400, Options.from_settings().max_share)
    assert quality.max_first_pick_share <= cap / 400, quality


def test_the_old_picker_scores_near_chance_on_the_same_corpus(settings):
    """What the content picker is measured against: with nothing stored, the box falls back
    to tags, section and recency, which on this corpus means the newest article."""
    from newsdesk.related.models import Vocabulary

    topics = import_corpus(100)
    Vocabulary.objects.all().delete()
    from newsdesk.related.models import Neighbour

    Neighbour.objects.all().delete()
    assert measure(topics).precision_at_1 < 0.4
