package dev.wireless.server.commands;

/**
 * ListCommand filters after resolution (null = not filtered). {@code nothing} is set when the
 * {@code Sim} filter names a unique_name no SIM of the account has: the list is then empty.
 */
record CommandFilter(String simSid, boolean nothing, String status, String direction, String transport) {
}
