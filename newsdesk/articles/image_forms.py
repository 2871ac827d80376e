"""The image admin form, with the image's credit and licence (image_credits.py).

Named by WAGTAILIMAGES_IMAGE_FORM_BASE, so that Wagtail builds every image form on it: the
image's edit page, the upload page and the form shown after each file of a multiple upload.
"""

from __future__ import annotations

from django.db import models
from django.forms.models import fields_for_model
from wagtail.images.forms import BaseImageForm

from .image_credits import ImageCredit


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read once: a new image (an upload) has none, and gets one only in _save_m2m.
        self.credit_row = credit = _credit_row(self.instance)
        fields = fields_for_model(
            ImageCredit, fields=ImageCredit.FIELDS, formfield_callback=_form_field
        )
        for name, field in fields.items():
            if credit is not None:
                field.initial = getattr(credit, name)
            self.fields[name] = field

    def _save_m2m(self):
        # Run by save() and by save_m2m() after save(commit=False): the image has its id.
        super()._save_m2m()
        values = {name: self.cleaned_data.get(name, "") for name in ImageCredit.FIELDS}
        credit = self.credit_row
        if credit is None:
            if not any(values.values()):
                return  # no row for an image nobody credited
            credit = ImageCredit(image=self.instance)
        for name, value in values.items():
            setattr(credit, name, value)
        credit.save()


def _form_field(model_field, **kwargs):
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"  # a link typed without its scheme
    return model_field.formfield(**kwargs)


def _credit_row(image) -> ImageCredit | None:
    if image.pk is None:
        return None
    return ImageCredit.objects.filter(image=image).first()
