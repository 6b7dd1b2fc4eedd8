# The Makefile of the Linux tarball (scripts/tarball.sh puts it in as
# "Makefile"; it replaces the one `fyne package` writes, which skipped the
# console binary, the licences and the manual pages, and put the icon in
# share/pixmaps, where the icon theme lookup of the menus does not search).
#
#   sudo make install      into /usr/local (or PREFIX=…)
#   sudo make uninstall
#   make user-install      into ~/.local, for you only
#   make user-uninstall
#
# Everything under usr/local/ of this folder is installed under PREFIX:
# bin/strategytracker (the app), bin/strategytracker-cli (the console
# program), the menu entry, the icon (share/icons/hicolor), the manual pages
# and share/doc/strategytracker (licences, changelog).

LOCAL != test -d $(DESTDIR)/usr/local && echo -n "/local" || echo -n ""
PREFIX ?= /usr$(LOCAL)
AppID := bg.sofia.strategytracker

default:
	@sed -n '/^#   /p' Makefile

install:
	cd usr/local && find . -type f | while read -r f; do \
		if [ -x "$$f" ]; then m=0755; else m=0644; fi; \
		install -D -m $$m "$$f" "$(DESTDIR)$(PREFIX)/$${f#./}"; \
	done

uninstall:
	cd usr/local && find . -type f | while read -r f; do rm -f "$(DESTDIR)$(PREFIX)/$${f#./}"; done
	-rmdir "$(DESTDIR)$(PREFIX)/share/doc/strategytracker"

user-install:
	$(MAKE) install PREFIX="$(HOME)/.local"
	sed -i -e "s,^Exec=strategytracker,Exec=$(DESTDIR)$(HOME)/.local/bin/strategytracker," \
		"$(DESTDIR)$(HOME)/.local/share/applications/$(AppID).desktop"

user-uninstall:
	$(MAKE) uninstall PREFIX="$(HOME)/.local"

.PHONY: default install uninstall user-install user-uninstall
