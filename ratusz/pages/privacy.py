"""Personal data of the page tree: contact-form submissions (see
``ratusz.core.privacy.PersonalData``)."""

from django.utils.translation import gettext_lazy

from ratusz.core.privacy import PersonalData, same_text

from .models import ContactFormSubmission


class FormSubmissions(PersonalData):
    label = gettext_lazy("formularze kontaktowe — zgłoszenia")

    def rows(self, identity):
        if not identity.email:
            return []
        found = []
        # encrypted: no lookup by value; the submissions are few and read in full
        for submission in ContactFormSubmission.objects.select_related("page").iterator():
            values = submission.form_data.values() if isinstance(submission.form_data, dict) else []
            if any(isinstance(v, str) and same_text(v, identity.email) for v in values):
                found.append(submission)
        return found

    def describe(self, s):
        return {"formularz": s.page.title, "dane": s.form_data, "wysłano": s.submit_time}


PERSONAL_DATA = [FormSubmissions()]
