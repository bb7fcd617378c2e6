package dev.wireless.server.sims;

/**
 * The parameters of one UpdateSim call, as strings; null means "not given". {@code ratePlan} empty
 * removes the plan, {@code uniqueName} empty removes the name.
 */
public record SimUpdate(String uniqueName, String callbackMethod, String callbackUrl, String friendlyName,
                        String ratePlan, SimState status, String commandsCallbackMethod, String commandsCallbackUrl,
                        String smsFallbackMethod, String smsFallbackUrl, String smsMethod, String smsUrl,
                        String voiceFallbackMethod, String voiceFallbackUrl, String voiceMethod, String voiceUrl,
                        boolean resetConnectivity, String accountSid) {
}
