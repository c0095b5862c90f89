"""``python -m lastmile.convert``: the command the server runs to convert an uploaded artifact.

The code lives in :mod:`lastmile.conversion`; use :func:`lastmile.convert` from Python (importing
this module as ``lastmile.convert`` would shadow that function).
"""

import sys

from lastmile.conversion import main

if __name__ == "__main__":
    sys.exit(main())
