/**
 * Name and address material for the simulated fleet: common German
 * surnames, the kind of small businesses a telecom shop serves, and real
 * streets with their real postcodes.
 */

// biome-ignore format: a table
export const surnames = [
  'Schmidt', 'Müller', 'Weber', 'Schneider', 'Fischer', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
  'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger',
  'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Krause', 'Meier', 'Lehmann', 'Schulze', 'Köhler',
  'Herrmann', 'König', 'Walter', 'Huber', 'Kaiser', 'Fuchs', 'Peters', 'Scholz', 'Möller', 'Weiß',
  'Jung', 'Hahn', 'Schubert', 'Vogel', 'Friedrich', 'Keller', 'Günther', 'Frank', 'Berger', 'Winkler',
  'Roth', 'Beck', 'Lorenz', 'Baumann', 'Franke', 'Albrecht', 'Ludwig', 'Böhm', 'Graf', 'Horn',
] as const;

// biome-ignore format: a table
export const firstNames = [
  'Anna', 'Thomas', 'Sabine', 'Michael', 'Julia', 'Stefan', 'Claudia', 'Andreas', 'Petra', 'Jürgen',
  'Monika', 'Markus', 'Katrin', 'Frank', 'Susanne', 'Jan', 'Lena', 'Tobias', 'Sandra', 'Uwe',
  'Birgit', 'Sebastian', 'Nicole', 'Ralf', 'Heike', 'Daniel', 'Melanie', 'Christian', 'Anja', 'Matthias',
] as const;

/** Small-business names; `{n}` is a surname. */
// biome-ignore format: a table
export const businessNames = [
  'Bäckerei {n}', 'Praxis Dr. {n}', 'Autohaus {n}', 'Steuerkanzlei {n}', 'Zahnarztpraxis Dr. {n}',
  'Metzgerei {n}', 'Blumen {n}', 'Café {n}', 'Physiotherapie {n}', 'Ingenieurbüro {n}', 'Optik {n}',
  'Elektro {n} GmbH', 'Rechtsanwälte {n} & Partner', 'Fahrschule {n}', 'Tierarztpraxis Dr. {n}',
  'Reisebüro {n}', 'Hotel {n}', 'Gasthaus {n}', 'Architekturbüro {n}', 'Pflegedienst {n}',
  'Getränkemarkt {n}', 'Kfz-Werkstatt {n}', 'Immobilien {n}', 'Druckerei {n}', 'Sanitätshaus {n}',
  'Friseursalon {n}', 'Malerbetrieb {n}', 'Versicherungsbüro {n}', 'Apotheke am Markt', 'Kita Sonnenschein',
  'Buchhandlung Seitenweise', 'Eiscafé Venezia', 'Hausarztpraxis am Park', 'Weinhandlung {n}',
] as const;

/** A street with its postcode and city. */
export interface Street {
  street: string;
  postcode: string;
  city: string;
}

const streets = (city: string, rows: readonly (readonly [string, string])[]): Street[] =>
  rows.map(([street, postcode]) => ({ street, postcode, city }));

/**
 * Leipzig's north and centre, all postcodes 041xx: one area (postcode
 * prefix `041`) whose Telekom lines fail together in the area outage.
 */
// biome-ignore format: a table
export const outageAreaStreets = streets('Leipzig', [
  ['Gohliser Straße', '04155'], ['Menckestraße', '04155'], ['Lindenthaler Straße', '04155'],
  ['Georg-Schumann-Straße', '04159'], ['Breitenfelder Straße', '04157'], ['Eutritzscher Straße', '04129'],
  ['Delitzscher Straße', '04129'], ['Nordstraße', '04105'], ['Waldstraße', '04105'], ['Jahnallee', '04109'],
  ['Ritterstraße', '04109'], ['Merseburger Straße', '04177'], ['Lützner Straße', '04177'],
  ['Dessauer Straße', '04129'], ['Gerberstraße', '04105'], ['Hinrichsenstraße', '04105'],
]);

/** Everywhere else: big and middle-sized cities, none in the outage area. */
// biome-ignore format: a table
export const otherStreets = [
  ...streets('Berlin', [
    ['Kastanienallee', '10435'], ['Sonnenallee', '12045'], ['Bergmannstraße', '10961'],
    ['Schönhauser Allee', '10437'], ['Karl-Marx-Straße', '12043'], ['Turmstraße', '10559'],
  ]),
  ...streets('Hamburg', [['Osterstraße', '20259'], ['Bahrenfelder Straße', '22765'], ['Mühlenkamp', '22303']]),
  ...streets('München', [
    ['Leopoldstraße', '80802'], ['Sendlinger Straße', '80331'], ['Rosenheimer Straße', '81669'],
  ]),
  ...streets('Köln', [['Aachener Straße', '50674'], ['Venloer Straße', '50823'], ['Severinstraße', '50678']]),
  ...streets('Frankfurt am Main', [['Berger Straße', '60316'], ['Leipziger Straße', '60487']]),
  ...streets('Dresden', [['Königsbrücker Straße', '01099'], ['Bautzner Straße', '01099']]),
  ...streets('Nürnberg', [['Fürther Straße', '90429']]),
  ...streets('Stuttgart', [['Königstraße', '70173']]),
  ...streets('Hannover', [['Limmerstraße', '30451']]),
  ...streets('Münster', [['Hammer Straße', '48153']]),
  ...streets('Freiburg im Breisgau', [['Habsburgerstraße', '79104']]),
  ...streets('Halle (Saale)', [['Große Ulrichstraße', '06108']]),
  ...streets('Bremen', [['Ostertorsteinweg', '28203']]),
];
