import os, sys
d, db, target = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, d)
import django
from django.conf import settings
settings.configure(INSTALLED_APPS=["shop"], DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": db}})
django.setup()
from django.core.management import call_command
call_command("migrate", "shop", target, verbosity=0)
