"""Small uploads for the committee tests."""

from django.core.files.uploadedfile import SimpleUploadedFile

from demo.pdf import simple_pdf


def small_pdf_upload(name):
    return SimpleUploadedFile(name, simple_pdf("Test", ["A line."]), content_type="application/pdf")
