# Accounts keep no tables of their own: devices live in django-otp, failed
# logins in the cache, roles in django.contrib.auth groups.
