"""What the page tree shows the public (see ``ratusz.core.discovery``).

Pages themselves are declared by the shell (every ``Page`` subclass); here
the snippets and form fields that pages show.
"""

from .models import ContactFormField, NewsCategory

PUBLIC_MODELS = [NewsCategory, ContactFormField]
