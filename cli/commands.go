package cli

// commands is the table of commands, in the order of the usage text. A new
// command is a file with its constructor and one line here.
var commands = []func() *command{
	demoCommand,
	generateCommand,
	loadCommand,
	exportCommand,
	summaryCommand,
	reportCommand,
	templateCommand,
	importCommand,
	snapshotCommand,
	checkCommand,
	backupCommand,
	publishCommand,
	newCommand,
	planTemplateCommand,
	planImportCommand,
	periodOpenCommand,
	periodCloseCommand,
	periodReopenCommand,
	periodStatusCommand,
	periodNarrativeCommand,
	templatesCommand,
	remindersCommand,
	versionCommand,
	serverInitCommand,
	serverGrantCommand,
	copyCommand,
}
