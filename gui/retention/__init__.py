"""Retention in the window: the rule editor, the inventory loading wizard and the quarterly
review screen. ``install_retention(window)`` adds them to the main window."""
