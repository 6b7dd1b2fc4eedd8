// Package app is the desktop application: the Fyne window, its screens
// (dashboard, measures, measure detail, structure, reporting, reports,
// audit log) and the session that holds the open store, the user and the
// language. It sees a strategy only through model.Store.
package app
