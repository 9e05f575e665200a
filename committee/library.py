"""The member library's listing: documents of one collection, searched, filtered and sorted."""

from committee.models import Resource


def library_documents(collection_id, filters, topic_names):
    """Documents of the collection matching `filters`, each with its topic names
    (`topic_names` maps a topic slug to its name in the page's language).

    Two queries whatever the size of the library (search adds one).
    """
    documents = Resource.objects.filter(collection_id=collection_id)
    if filters["q"]:
        hits = Resource.objects.filter(collection_id=collection_id).search(filters["q"])
        documents = documents.filter(pk__in=[hit.pk for hit in hits])
    if filters["topic"]:
        documents = documents.filter(topics__slug=filters["topic"]).distinct()
    if filters["type"]:
        documents = documents.filter(resource_type=filters["type"])
    if filters["language"]:
        documents = documents.filter(language=filters["language"])
    order = "created_at" if filters["sort"] == "oldest" else "-created_at"
    documents = list(documents.order_by(order, "title"))
    _attach_topics(documents, topic_names)
    return documents


def _attach_topics(documents, names):
    links = Resource.topics.through.objects.filter(
        resource_id__in=[document.pk for document in documents]
    ).values_list("resource_id", "topic__slug")
    slugs_by_document = {}
    for document_id, slug in links:
        slugs_by_document.setdefault(document_id, set()).add(slug)
    for document in documents:
        document.topic_names = sorted(
            names.get(slug, slug) for slug in slugs_by_document.get(document.pk, ())
        )
