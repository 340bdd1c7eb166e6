import sys

from pos_app.app import main

sys.exit(main())
