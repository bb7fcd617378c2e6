package dev.wireless.callbacks;

/**
 * The kinds of callback the platform sends, stored with each delivery so the Debugger and the
 * operators can tell them apart. Any {@code word.word} value is accepted; these are the ones in use.
 */
public final class CallbackKind {

    /** A Sim finished a status change (its {@code CallbackUrl}). */
    public static final String SIM_STATUS = "sim.status";
    /** A mobile-terminated Command reached a final status (the Command's {@code CallbackUrl}). */
    public static final String COMMAND_STATUS = "command.status";
    /** A device sent a mobile-originated Command (the Sim's {@code CommandsCallbackUrl}). */
    public static final String SIM_COMMAND = "sim.command";

    private CallbackKind() {
    }
}
