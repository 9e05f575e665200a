"""The two file stores on S3-compatible object storage (django-storages), as production sets
them from AWS_* variables; the object storage test builds its stores with the same function.

Public media: stable, unsigned addresses (a kept page never points at an expired link), from
the endpoint or AWS_S3_CUSTOM_DOMAIN (a CDN before the bucket); the site's Content-Security-
Policy adds their origin (web/csp.py). Private files (letters, certificates, restricted
documents): a bucket of their own, private, read only by the site's views. Neither store ever
overwrites a file that has the same name as a new one.
"""


def object_storages(public_bucket, private_bucket, endpoint_url=None, region=None,
                    addressing_style=None, custom_domain=None):  # fmt: skip
    """{alias: STORAGES entry} for the buckets given (None leaves that store on disk)."""
    common = {
        "endpoint_url": endpoint_url or None,
        "region_name": region or None,
        "addressing_style": addressing_style or None,
        "file_overwrite": False,
        "default_acl": None,
    }
    stores = {}
    if public_bucket:
        stores["default"] = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": public_bucket,
                "querystring_auth": False,
                "custom_domain": custom_domain or None,
            },
        }
    if private_bucket:
        stores["private"] = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": private_bucket,
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 300,
            },
        }
    return stores
