"""Uploaded images: verification, re-encoding and responsive renditions.

Every image staff upload (cover images, photos, images placed in the editor) is opened
by Pillow, checked against size and pixel limits, and re-encoded into a fresh file. The
re-encoding drops EXIF (including GPS), ICC tricks and anything appended to the file, and
refuses SVG and other formats that can carry script.
"""

import hashlib
import io
import posixpath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.text import get_valid_filename
from PIL import Image, ImageOps, UnidentifiedImageError

# Pillow format name -> (format to store, file extension)
ACCEPTED_FORMATS = {
    "JPEG": ("JPEG", "jpg"),
    "PNG": ("PNG", "png"),
    "WEBP": ("WEBP", "webp"),
    "GIF": ("PNG", "png"),  # first frame only: animation is not part of the design
}
RENDITION_WIDTHS = (480, 800, 1200, 1600)


def _read_image(upload):
    size = getattr(upload, "size", None)
    if size is not None and size > settings.IMAGE_UPLOAD_MAX_BYTES:
        limit_mb = settings.IMAGE_UPLOAD_MAX_BYTES // (1024 * 1024)
        raise ValidationError(f"This image is too large; the limit is {limit_mb} MB.", code="too_large")
    upload.seek(0)
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            width, height = probe.size
            if width * height > settings.IMAGE_UPLOAD_MAX_PIXELS:
                raise ValidationError(
                    f"This image is {width}×{height} pixels, more than the site accepts. "
                    "Please resize it (3000 pixels on the long side is plenty).",
                    code="too_many_pixels",
                )
            probe.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            "This file is not an image the site can use. Upload a JPEG, PNG, WebP or GIF.",
            code="not_an_image",
        ) from None
    if image_format not in ACCEPTED_FORMATS:
        raise ValidationError(
            f"{image_format} images are not accepted. Upload a JPEG, PNG, WebP or GIF.", code="format"
        )
    return data, image_format


def validate_image_upload(upload):
    """Validator for image fields: raises ValidationError with a message for staff."""
    if upload and not getattr(upload, "_committed", False):
        _read_image(upload)


def reencode_image(upload):
    """Return a ContentFile holding a clean re-encoding of ``upload`` (no metadata)."""
    data, image_format = _read_image(upload)
    store_format, extension = ACCEPTED_FORMATS[image_format]
    with Image.open(io.BytesIO(data)) as original:
        original.seek(0)
        # Apply the camera's rotation before the EXIF that carries it is dropped.
        image = ImageOps.exif_transpose(original)
        if store_format == "JPEG":
            image = image.convert("RGB")
        elif image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA")
        buffer = io.BytesIO()
        save_options = {"JPEG": {"quality": 86, "optimize": True}, "WEBP": {"quality": 86}}
        image.save(buffer, store_format, **save_options.get(store_format, {"optimize": True}))
    stem = posixpath.splitext(posixpath.basename(getattr(upload, "name", "") or "image"))[0]
    name = f"{get_valid_filename(stem)[:60] or 'image'}.{extension}"
    return ContentFile(buffer.getvalue(), name=name)


def rendition_name(original_name, width):
    """Storage name of the ``width``-pixel copy of ``original_name``.

    It includes a hash of the original's name, so replacing an image never serves stale copies.
    """
    digest = hashlib.sha256(original_name.encode()).hexdigest()[:10]
    stem = posixpath.splitext(posixpath.basename(original_name))[0][:40]
    return f"renditions/{stem}-{digest}-{width}w.webp"


def make_rendition_files(field_file, widths=RENDITION_WIDTHS):
    """Write WebP copies of ``field_file`` for ``widths`` (capped at the original's width) to its storage.

    Opens the original once; copies already in storage are kept. Returns the original's
    (width, height) and, per requested width, a dict with the copy's name, url, width and height.
    Slow: called when an image is saved or by ``manage.py make_renditions``, never by a page.
    """
    storage = field_file.storage or default_storage
    copies = {}
    with storage.open(field_file.name) as source, Image.open(source) as original:
        original_width, original_height = original.size
        image = None
        for requested in sorted(widths):
            width = min(requested, original_width)
            height = round(original_height * width / original_width)
            name = rendition_name(field_file.name, width)
            if not storage.exists(name):
                if image is None:
                    image = original.convert("RGBA" if original.mode in ("RGBA", "LA", "P") else "RGB")
                buffer = io.BytesIO()
                image.resize((width, height), Image.Resampling.LANCZOS).save(buffer, "WEBP", quality=80, method=4)
                name = storage.save(name, ContentFile(buffer.getvalue()))
            copies[requested] = {"name": name, "url": storage.url(name), "width": width, "height": height}
    return (original_width, original_height), copies
