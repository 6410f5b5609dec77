import os, sys
from alembic.config import Config
from alembic import command
d, db, target = sys.argv[1], sys.argv[2], sys.argv[3]
cfg = Config(os.path.join(d, "alembic.ini"))
cfg.set_main_option("script_location", os.path.join(d, "env"))
cfg.set_main_option("sqlalchemy.url", "sqlite:///" + db)
if not os.path.isdir(os.path.join(d, "env")):
    command.init(cfg, os.path.join(d, "env"))
    cfg.set_main_option("sqlalchemy.url", "sqlite:///" + db)
    command.revision(cfg, "create trades", rev_id="a1")
    command.revision(cfg, "add fee", rev_id="b1")
    command.revision(cfg, "add venue", rev_id="c1")
    command.revision(cfg, "branch from a1", rev_id="d1", head="a1", splice=True)
command.upgrade(cfg, target)
