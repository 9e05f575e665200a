def test_tree(site_tree, client):
    for code, pages in site_tree.translations.items():
        for key, page in pages.items():
            response = client.get(page.url)
            assert response.status_code == 200, (code, key, page.url)
