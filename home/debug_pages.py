"""Under `make run` (DEBUG), a missing page answers with the site's own 404 page, as in
production, rather than Django's technical one: the page a visitor would meet is the one to
review. Django's technical 500 page stays in DEBUG, for the developer's traceback."""

from django.http import Http404

from home.views import page_not_found


class SiteNotFoundPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
