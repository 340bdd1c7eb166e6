"""Reading coupon codes from a webcam or from images, without Qt.

- ``payload``: which decoded texts are coupon payloads;
- ``decode``: zbar on one frame, cheap pass first, fallbacks under a time budget;
- ``debounce``: one scan per appearance of a code, on the frame clock;
- ``pipeline``: frames in, ``Scan`` events out (video files and cameras alike);
- ``capture``: the camera in a worker thread, newest frame only, for the GUI (``CameraScanner``).
"""
