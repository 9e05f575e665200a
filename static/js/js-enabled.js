/* Runs before the page is drawn (a tiny blocking script, same-origin, so the strict CSP allows
   it): the header's "Menu" button and other enhancements may style themselves from the start. */
document.documentElement.classList.replace("no-js", "js");
